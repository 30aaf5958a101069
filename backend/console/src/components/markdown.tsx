import { useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from '../lib/markdown';

function renderInline(nodes: Inline[]): ReactNode[] {
  // Text goes in as React children, so any `<script>` in it is escaped, never parsed.
  return nodes.map((node, index) =>
    node.type === 'text' ? node.text : <strong key={index}>{renderInline(node.children)}</strong>,
  );
}

function renderBlocks(blocks: Block[]): ReactNode[] {
  return blocks.map((block, index) => {
    switch (block.type) {
      case 'heading': {
        const Heading = `h${block.level}` as const;
        return <Heading key={index}>{renderInline(block.children)}</Heading>;
      }
      case 'paragraph':
        return <p key={index}>{renderInline(block.children)}</p>;
      case 'list': {
        const items = block.items.map((item, itemIndex) => <li key={itemIndex}>{renderBlocks(item)}</li>);
        return block.ordered ? (
          <ol key={index} start={block.start === 1 ? undefined : block.start}>
            {items}
          </ol>
        ) : (
          <ul key={index}>{items}</ul>
        );
      }
      case 'quote':
        return <blockquote key={index}>{renderBlocks(block.children)}</blockquote>;
      case 'rule':
        return <hr key={index} />;
    }
  });
}

/** Renders the agreement's Markdown subset as React elements; raw HTML shows as text. */
export function Markdown({ source }: { source: string }) {
  const content = useMemo(() => renderBlocks(parseMarkdown(source)), [source]);
  return <>{content}</>;
}
